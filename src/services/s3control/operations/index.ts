import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { deletePublicAccessBlock } from './delete-public-access-block.js';
import { getPublicAccessBlock } from './get-public-access-block.js';
import { putPublicAccessBlock } from './put-public-access-block.js';

export const operations = {
  DeletePublicAccessBlock: deletePublicAccessBlock,
  GetPublicAccessBlock: getPublicAccessBlock,
  PutPublicAccessBlock: putPublicAccessBlock,
} satisfies OperationMap<Operations>;
