// Shared fixtures: the bundled rules (national data and regional packs) loaded once through the
// SDK, and the sampling data of rules/national (calendar, targets, check lists).
import { join } from "node:path"
import { getOrThrow } from "@nongan/core/Result"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"
import { createValidator, type Validator } from "@nongan/sdk/Validator"
import { fromDataFiles, type SamplingData } from "@nongan/sampling/Data"
import type { PlanContext } from "@nongan/sampling/Plan"

let v: Validator | undefined
let d: SamplingData | undefined

export const validator = (): Validator => (v ??= getOrThrow(createValidator()))
export const data = (): SamplingData => (d ??= getOrThrow(fromDataFiles(getOrThrow(readDataDir(join(rulesDir(), "national"), rulesDir())))))
export const context = (): PlanContext => ({ composition: validator().composition, targets: data().targets, checkLists: data().checkLists })

/** 开州区 2022 as its pack gives it; the population is the one its own figures imply. */
export const KAIZHOU_2022 = {
  id: "kaizhou-2022-risk-monitoring",
  programme: "risk-monitoring",
  period: { from: "2022-04-12", to: "2022-12-31" },
  region: "500154",
  population: {
    value: "670000",
    source: "implied by the plan's own figures: 1 005 tasks at 1.5 批次/千人 (any population from 669 334 to 670 000 gives 1 005 when rounded up)",
    verification: "unverified"
  }
} as const

/** 巴中市 2025: 2 批次/千人 over the 2020 census population published by 巴中市统计局. */
export const BAZHONG_2025 = {
  id: "bazhong-2025-risk-monitoring",
  programme: "risk-monitoring",
  period: { from: "2025-01-01", to: "2025-12-31" },
  region: "511900",
  population: {
    value: "2712900",
    source: "巴中市统计局: 2020年全市常住人口271.29万人 (第七次全国人口普查), http://tjj.cnbz.gov.cn/public/6596551/20142601.html",
    verification: "official-text",
    note: "271.29 万 is rounded to 100 people by the source"
  }
} as const
