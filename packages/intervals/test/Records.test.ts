// Decoding application and treatment records: accepted shapes, unknown fields, exactly one of the
// alternatives, typed errors with their paths.
import { describe, expect, test } from "vitest"
import type { NonganError } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import * as Application from "@nongan/intervals/Application"
import * as Treatment from "@nongan/intervals/Treatment"

const errs = (r: Result<unknown, NonganError>) => (r.ok ? [] : r.errors.map((e) => [e.code, e.path]))

describe("application records", () => {
  const base = { id: "A-1", kind: "pesticide-application", crop: "豇豆", pesticide: "阿维菌素", harvestedOn: "2026-05-06" }

  test("one application or a list of them", () => {
    expect(Application.decode({ ...base, appliedOn: "2026-05-01", product: "1.8%阿维菌素乳油", registrationNo: "PD1", region: "500154" }).ok).toBe(true)
    const r = Application.decode({ ...base, applications: ["2026-04-20", "2026-05-01"] })
    expect(r.ok && Application.applicationDates(r.value)).toEqual(["2026-04-20", "2026-05-01"])
  })

  test("neither or both of appliedOn and applications", () => {
    expect(errs(Application.decode(base))).toEqual([["missing-field", ["appliedOn"]]])
    expect(errs(Application.decode({ ...base, appliedOn: "2026-05-01", applications: ["2026-05-01"] }))).toEqual([["unexpected-field", ["applications"]]])
    // an empty list is not a list of applications
    expect(errs(Application.decode({ ...base, applications: [] }))).toEqual([["missing-field", ["applications", 0]]])
  })

  test("unknown fields, bad dates, wrong kind", () => {
    expect(errs(Application.decode({ ...base, appliedOn: "2026-05-01", harvestOn: "2026-05-06" }))).toEqual([["unexpected-field", ["harvestOn"]]])
    expect(errs(Application.decode({ ...base, appliedOn: "2026-02-30" }))).toEqual([["invalid-date", ["appliedOn"]]])
    expect(errs(Application.decode({ ...base, appliedOn: "2026-05-01", kind: "inspection" }))).toEqual([["invalid-value", ["kind"]]])
    expect(errs(Application.decode("x"))).toEqual([["invalid-type", []]])
  })

  test("paths are prefixed for batches", () => {
    expect(errs(Application.decode({ ...base, appliedOn: "x" }, [7]))).toEqual([["invalid-date", [7, "appliedOn"]]])
  })
})

describe("treatment records", () => {
  const base = { id: "T-1", kind: "veterinary-treatment", species: "牛", product: "土霉素片", lastDoseOn: "2026-05-01" }

  test("every field", () => {
    const r = Treatment.decode({
      ...base,
      state: "lactating",
      drug: "土霉素",
      milkedOn: "2026-05-04",
      lastDoseAt: "2026-05-01T08:00",
      endAt: "2026-05-04T08:00:00",
      waterTemperatures: [{ date: "2026-05-02", celsius: "18.5" }, { date: "2026-05-03", celsius: 19 }],
      region: "500154"
    })
    expect(r.ok).toBe(true)
    expect(r.ok && Treatment.endOf(r.value)).toEqual({ field: "milkedOn", event: "milk", date: "2026-05-04" })
  })

  test("exactly one end event; a product or a drug", () => {
    expect(errs(Treatment.decode(base))).toEqual([["missing-field", ["slaughteredOn"]]])
    expect(errs(Treatment.decode({ ...base, slaughteredOn: "2026-05-09", milkedOn: "2026-05-04" }))).toEqual([["unexpected-field", ["milkedOn"]]])
    const { product: _p, ...noProduct } = base
    expect(errs(Treatment.decode({ ...noProduct, slaughteredOn: "2026-05-09" }))).toEqual([["missing-field", ["product"]]])
    expect(Treatment.decode({ ...noProduct, drug: "土霉素", slaughteredOn: "2026-05-09" }).ok).toBe(true)
  })

  test("states, date-times and temperatures are checked", () => {
    expect(errs(Treatment.decode({ ...base, slaughteredOn: "2026-05-09", state: "pregnant" }))).toEqual([["invalid-value", ["state"]]])
    expect(errs(Treatment.decode({ ...base, slaughteredOn: "2026-05-09", lastDoseAt: "2026-05-01T08:00+08:00" }))).toEqual([["invalid-value", ["lastDoseAt"]]])
    expect(errs(Treatment.decode({ ...base, slaughteredOn: "2026-05-09", waterTemperatures: [{ date: "2026-05-02" }] }))).toEqual([
      ["missing-field", ["waterTemperatures", 0, "celsius"]]
    ])
    expect(errs(Treatment.decode({ ...base, slaughteredOn: "2026-05-09", waterTemperatures: [{ date: "2026-05-02", celsius: 18, at: "noon" }] }))).toEqual([
      ["unexpected-field", ["waterTemperatures", 0, "at"]]
    ])
  })
})
