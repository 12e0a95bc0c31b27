import { describe, expect, it } from 'vitest';
import { officialDocx, para } from '../lib/docx.ts';
import { flat, renderDocuments, rendererAvailable } from './render-docx.ts';

describe.skipIf(!rendererAvailable())('document rendering', () => {
  it('renders an official letter through LibreOffice and reads its Kazakh and Russian text back', async () => {
    const docx = await officialDocx({
      title: 't',
      blank: ['Генеральная прокуратура Российской Федерации', 'Прокуратура Оренбургской области'],
      dateLine: '10.03.2022 № 1',
      heading: 'О сотрудничестве',
      body: [para('Ақтөбе облысының прокуратурасы — Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі', { indent: true })],
    });
    const [doc] = await renderDocuments([{ name: 'smoke', docx }]);
    expect(doc!.pages).toBe(1);
    expect(flat(doc!.text)).toContain('О сотрудничестве');
    expect(flat(doc!.text)).toContain('Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі');
  }, 120_000);
});
