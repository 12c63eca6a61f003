import type { ServiceDefinition } from '../core/operation.js';
import { sts } from './sts/index.js';

/** Every service Warden serves. The only module that imports services. */
export const SERVICES: readonly ServiceDefinition[] = [sts];
