/**
 * An entry for test/lambda-bundles.integration.test.ts: membership's own workbook code
 * (files/xlsx.ts) bundled as a Lambda function is, to show that writing and reading a
 * workbook works without the parts of exceljs the bundle leaves out, and that those parts
 * fail, naming themselves, if anything calls them.
 */
import { Readable } from 'node:stream';
import { loadWorkbook, newWorkbook, sheetGrid, toBuffer } from '../../src/files/xlsx.ts';

async function failure(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function roundTrip() {
  const book = await newWorkbook();
  book.addWorksheet('Danh sách').addRow(['Nguyễn Thị Lan', 'Nữ', 42]);
  const read = await loadWorkbook(await toBuffer(book));
  const ExcelJS = (await import('exceljs')).default;
  return {
    rows: sheetGrid(read.worksheets[0]!).rows,
    streamingRead: await failure(async () => {
      for await (const _ of new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.alloc(0)]), {})) break;
    }),
    csv: await failure(() => read.csv.writeBuffer()),
  };
}
