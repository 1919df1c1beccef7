// The 街镇 set-up pages (committee subpackage), named here so 我的 can link to them without loading them.
export const SETUP_PAGE = '/committee/setup/index'
export const IMPORT_PAGE = '/committee/setup/import'
export const UNITS_PAGE = '/committee/setup/units'
export const STAFF_PAGE = '/committee/setup/staff'
export const OVERDUE_PAGE = '/committee/setup/overdue'
