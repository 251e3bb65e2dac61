import React from 'react'

export type Fact = { term: string; value: React.ReactNode; testId?: string }

/** The top of a workbench: what the record is, its state, and the facts Ops decide on, as one description list. */
export function WorkbenchHeader({ title, status, since, facts }: { title: string; status: string; since?: string; facts: Fact[] }) {
  return (
    <header className="jl-workbench-head">
      <div className="jl-workbench-title">
        <h2>{title}</h2>
        <span className={`jl-status jl-status-${status}`} data-testid="workbench-status">
          {status.replace(/_/g, ' ')}
        </span>
        {since && <span className="jl-muted">{since}</span>}
      </div>
      <dl className="jl-facts">
        {facts.map((f) => (
          <div key={f.term} data-testid={f.testId}>
            <dt>{f.term}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </header>
  )
}
