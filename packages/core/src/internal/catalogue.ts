import type { Outcome, Referral } from "../Finding"
import type { ErrorCode } from "../NonganError"
import type { Verdict } from "../Verdict"

/** A message catalogue: a record per closed list, so a code without a message fails to compile. */
export interface Catalogue {
  readonly errors: Readonly<Record<ErrorCode, string>>
  readonly outcomes: Readonly<Record<Outcome, string>>
  readonly verdicts: Readonly<Record<Verdict, string>>
  readonly referrals: Readonly<Record<Referral, string>>
  readonly words: {
    readonly at: string
    readonly nearest: string
    readonly expected: string
    readonly unverified: string
  }
}
