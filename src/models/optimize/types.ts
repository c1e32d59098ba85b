/** How a minimisation ended. */
export type MinimizeStatus = 'converged' | 'max_iterations' | 'line_search_failed' | 'non_finite'

/** An objective: the value at θ (natural scale); non-finite values are allowed and avoided. */
export type Objective = (theta: Float64Array) => number

/** The gradient of an objective at θ (natural scale), one entry per parameter. */
export type Gradient = (theta: Float64Array) => Float64Array

/** Options of {@link minimize}; every field is optional. */
export interface MinimizeOptions {
  /** Analytic gradient; central finite differences are used when it is missing. */
  readonly gradient?: Gradient
  /** Lower bounds per parameter (-Infinity when free). */
  readonly lower?: ArrayLike<number>
  /** Upper bounds per parameter (Infinity when free). */
  readonly upper?: ArrayLike<number>
  /** Optimise these parameters on the log scale (they must be positive); `true` means all. */
  readonly logScale?: boolean | readonly boolean[]
  /** Iterations per start, 500 unless told. */
  readonly maxIterations?: number
  /** Stop when the largest projected gradient entry ≤ tolerance × max(1, |f|); 1e-8 unless told. */
  readonly gradientTolerance?: number
  /** Number of starts: the given one plus seeded random perturbations of it; 1 unless told. */
  readonly starts?: number
  /** Seed of the random starts (any integer), 1 unless told. */
  readonly seed?: number
  /** Standard deviation of the start perturbations on the optimisation scale, 1 unless told. */
  readonly startSpread?: number
}

/** The outcome of {@link minimize}: never thrown, always reported. */
export interface MinimizeResult {
  /** Best parameters found, natural scale. */
  readonly params: Float64Array
  /** Objective value at `params`. */
  readonly value: number
  readonly converged: boolean
  readonly status: MinimizeStatus
  /** Iterations of the start that produced `params`. */
  readonly iterations: number
  /** Largest projected gradient entry on the optimisation scale at `params`. */
  readonly gradientNorm: number
  /** Numeric Hessian of the objective at `params`, natural scale, one row per parameter. */
  readonly hessian: readonly Float64Array[]
  /** Square roots of the inverse Hessian's diagonal, natural scale; NaN where not defined (on a bound, or a Hessian that is not positive definite). */
  readonly standardErrors: Float64Array
  /** How many of the starts converged. */
  readonly startsConverged: number
}
