import { createApiHandler } from '../../../shared/http/pipeline.js';
import completeDocument from './complete-document.js';
import createDocument from './create-document.js';
import createNote from './create-note.js';
import deleteDocument from './delete-document.js';
import deleteNote from './delete-note.js';
import downloadDocument from './download-document.js';
import listDocuments from './list-documents.js';
import listNotes from './list-notes.js';
import updateDocument from './update-document.js';
import updateNote from './update-note.js';

export const routes = [
  listNotes,
  createNote,
  updateNote,
  deleteNote,
  listDocuments,
  createDocument,
  completeDocument,
  downloadDocument,
  updateDocument,
  deleteDocument,
];
export const handler = createApiHandler(routes);
