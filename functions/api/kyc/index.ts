import { createApiHandler } from '../../../shared/http/pipeline.js';
import approveDocument from './approve-document.js';
import completeUpload from './complete-upload.js';
import downloadDocument from './download-document.js';
import getCustomerKyc from './get-customer-kyc.js';
import getRequirements from './get-requirements.js';
import rejectDocument from './reject-document.js';
import reviewQueue from './review-queue.js';
import startUpload from './start-upload.js';
import updateRequirements from './update-requirements.js';

export const routes = [
  getRequirements,
  updateRequirements,
  getCustomerKyc,
  startUpload,
  completeUpload,
  downloadDocument,
  approveDocument,
  rejectDocument,
  reviewQueue,
];
export const handler = createApiHandler(routes);
