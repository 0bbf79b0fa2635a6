import { createApiHandler } from '../../../shared/http/pipeline.js';
import completeAttachment from './complete-attachment.js';
import createAttachment from './create-attachment.js';
import downloadAttachment from './download-attachment.js';
import downloadOriginal from './download-original.js';
import listAttachments from './list-attachments.js';
import listMessages from './list-messages.js';
import postMessage from './post-message.js';

export const routes = [listMessages, postMessage, listAttachments, createAttachment, completeAttachment, downloadAttachment, downloadOriginal];
export const handler = createApiHandler(routes);
