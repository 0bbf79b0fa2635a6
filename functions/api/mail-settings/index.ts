import { createApiHandler } from '../../../shared/http/pipeline.js';
import createSuppression from './create-suppression.js';
import deleteReview from './delete-review.js';
import deleteReviewBatch from './delete-review-batch.js';
import deleteSuppression from './delete-suppression.js';
import getReview from './get-review.js';
import getSettings from './get-settings.js';
import listReview from './list-review.js';
import listSuppressions from './list-suppressions.js';
import releaseReview from './release-review.js';
import updateSettings from './update-settings.js';

export const routes = [getSettings, updateSettings, listSuppressions, createSuppression, deleteSuppression, listReview, getReview, releaseReview, deleteReview, deleteReviewBatch];
export const handler = createApiHandler(routes);
