import * as z from 'zod';

/** What a client declares before uploading one file; checked again on the stored object. */
export const uploadRequest = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    contentType: z.string().trim().min(1).max(100),
    size: z.int().positive(),
  })
  .strict()
  .meta({ id: 'UploadRequest' });

export const presignedUpload = z
  .object({
    url: z.url(),
    fields: z.record(z.string(), z.string()),
    maxBytes: z.int(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'PresignedUpload', description: 'POST the fields, then the file as the last form field `file`, to `url`.' });

export const downloadLink = z
  .object({ url: z.url(), expiresAt: z.iso.datetime() })
  .meta({ id: 'DownloadLink', description: 'A short-lived link that downloads the file as an attachment.' });

export type UploadRequest = z.infer<typeof uploadRequest>;
