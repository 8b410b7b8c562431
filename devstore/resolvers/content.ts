import type { ResolverModule } from './context';

export const content: ResolverModule = {};
