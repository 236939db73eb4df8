// Excel workbooks through exceljs (a kept library, not hand-built XML): one sheet, a
// bold header row, columns as wide as their text.
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function toXlsx(sheetName: string, headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ai-subsidy';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  // Cells are written as values, never formulas: a text starting with "=" stays text.
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? ''));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(headers[i]?.length ?? 0, ...rows.map((r) => String(r[i] ?? '').length));
    column.width = Math.min(Math.max(longest + 2, 8), 60);
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
