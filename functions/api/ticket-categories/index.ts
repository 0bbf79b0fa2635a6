import { createApiHandler } from '../../../shared/http/pipeline.js';
import createCategory from './create-category.js';
import deleteCategory from './delete-category.js';
import listCategories from './list-categories.js';
import updateCategory from './update-category.js';

export const routes = [listCategories, createCategory, updateCategory, deleteCategory];
export const handler = createApiHandler(routes);
