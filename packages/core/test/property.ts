// See test/support/property.ts.
export { prop } from "../../../test/support/property"
