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
    required: true,
    defaultValue: 'USD',
    options: CURRENCIES.map((c) => ({ label: c, value: c })),
    admin: { readOnly },
  },
]
