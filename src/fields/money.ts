import type { Field } from 'payload'

import { amountProblem, CURRENCIES } from '../domain/money'

/** `amount` in integer minor units and its `currency`. */
export const moneyFields = ({ readOnly = false }: { readOnly?: boolean } = {}): Field[] => [
  {
    name: 'amount',
    type: 'number',
    required: true,
    admin: { description: 'Integer minor units (cents): 12500 is 125.00.', readOnly },
    validate: (value: unknown) => amountProblem(value) ?? true,
  },
  {
    name: 'currency',
    type: 'select',
    defaultValue: 'USD',
    validate: (value: unknown) => (CURRENCIES.includes(value as never) ? true : `Currency must be one of ${CURRENCIES.join(', ')}.`),
    options: CURRENCIES.map((c) => ({ label: c, value: c })),
    admin: { readOnly },
  },
]
