import { createApiHandler } from '../../../shared/http/pipeline.js';
import deleteMailTemplate from './delete-mail-template.js';
import getMailTemplate from './get-mail-template.js';
import listMailTemplates from './list-mail-templates.js';
import previewMailTemplate from './preview-mail-template.js';
import putMailTemplate from './put-mail-template.js';

export const routes = [listMailTemplates, getMailTemplate, putMailTemplate, deleteMailTemplate, previewMailTemplate];
export const handler = createApiHandler(routes);
