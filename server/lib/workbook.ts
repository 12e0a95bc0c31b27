import type ExcelJS from 'exceljs';

/**
 * exceljs is loaded with the first spreadsheet, not at start-up: evaluating it was the largest
 * single cost of a start after the imports were bundled (bench/RESULTS.md, «Start-up»).
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: lib } = await import('exceljs');
  return new lib.Workbook();
}
