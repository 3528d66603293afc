// Every property test runs with a fixed fast-check seed unless it sets its own, so that CI runs
// the same cases on every run and a count of "cases exercised" cannot fall short by chance.
// FC_SEED changes it (and the failing seed of a run is printed by fast-check, to replay it).
import fc from "fast-check"

fc.configureGlobal({ seed: Number(process.env["FC_SEED"] ?? 20261202) })
