/**
 * `pnpm rules:schema`: writes JSON Schemas for every data file kind under `rules/schema/`, so that
 * editors can validate pack and table files (`"$schema": "../schema/rule-pack.schema.json"`).
 * With `--check`, fails when a written schema is stale (run in the test suite).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { JSONSchema, type Schema } from "effect"
import { CertificateRecord } from "@nongan/certificates/Certificate"
import { CoverageDefinitionsFile } from "@nongan/certificates/Coverage"
import { CertificateLayer } from "@nongan/certificates/Layer"
import { CertificateRules } from "@nongan/certificates/Rules"
import { KeyVarietyFile } from "@nongan/engine/KeyVarieties"
import { RulePack } from "@nongan/engine/RulePack"
import { CatalogueFile as FoodCatalogueFile } from "@nongan/foods/FoodCatalogue"
import { InspectionRecord } from "@nongan/residues/Inspection"
import { DecisionThresholdFile } from "@nongan/residues/DecisionThreshold"
import { ExemptListFile } from "@nongan/residues/ExemptList"
import { LimitTableFile } from "@nongan/residues/LimitTable"
import { StatusFile } from "@nongan/substances/Status"
import { CatalogueFile as SubstanceCatalogueFile } from "@nongan/substances/SubstanceCatalogue"

export const schemas: Record<string, Schema.Schema<any, any, never>> = {
  "rule-pack": RulePack,
  "limit-table": LimitTableFile,
  "mrl-exempt-list": ExemptListFile,
  "decision-threshold-table": DecisionThresholdFile,
  "status-list": StatusFile,
  "food-catalogue": FoodCatalogueFile,
  "substance-catalogue": SubstanceCatalogueFile,
  "key-variety-list": KeyVarietyFile,
  "inspection-record": InspectionRecord,
  "certificate-record": CertificateRecord,
  "certificate-rules": CertificateRules,
  "certificate-layer": CertificateLayer,
  "certificate-coverage-definitions": CoverageDefinitionsFile
}

export const render = (s: Schema.Schema<any, any, never>): string => `${JSON.stringify(JSONSchema.make(s), null, 2)}\n`

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(import.meta.dirname, "..", "rules", "schema")
  mkdirSync(dir, { recursive: true })
  const check = process.argv.includes("--check")
  let stale = 0
  for (const [name, s] of Object.entries(schemas)) {
    const file = join(dir, `${name}.schema.json`)
    const text = render(s)
    if (check) {
      if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
        console.error(`stale JSON schema: rules/schema/${name}.schema.json (run pnpm rules:schema)`)
        stale++
      }
    } else writeFileSync(file, text)
  }
  if (stale > 0) process.exit(1)
}
