import type { Client, TestContext } from './build-test-app.ts';

/** Uploads one file as the browser does (multipart/form-data, field `file`) with the client's session and CSRF token. */
export function uploadFile(app: TestContext['app'], client: Client, url: string, name: string, data: Buffer, mime = 'application/pdf') {
  const boundary = 'testuploadboundary';
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}
