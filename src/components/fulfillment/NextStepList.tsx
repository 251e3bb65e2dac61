import Link from 'next/link'

import type { NextStep } from '@/domain/nextStep'

export type NextStepRow = { id: number; href: string; title: string; step: NextStep }

/**
 * A person's list (My jobs, My assignments): how many rows need them, then each row with its next step in words,
 * the rows that need them marked. The rows come sorted (`byNextStep`).
 */
export function NextStepList({ rows, noun, testId }: { rows: NextStepRow[]; noun: 'job' | 'assignment'; testId: string }) {
  const waiting = rows.filter((r) => r.step.needsYou).length
  return (
    <>
      <p className="muted" data-testid="needs-you-count">
        {waiting === 0 ? 'Nothing needs you right now.' : waiting === 1 ? `1 ${noun} needs you.` : `${waiting} ${noun}s need you.`}
      </p>
      <ul className="cards">
        {rows.map(({ id, href, title, step }) => (
          <li key={id} className={`card row${step.needsYou ? ' needs-you' : ''}`} data-testid={testId}>
            <Link href={href} className="title">
              {title}
            </Link>
            <span className={`next-step${step.needsYou ? ' yours' : ''}`} data-testid="next-step">
              {step.text}
            </span>
          </li>
        ))}
      </ul>
    </>
  )
}
