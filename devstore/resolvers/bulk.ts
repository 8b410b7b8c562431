import type { ResolverModule } from './context';

export const bulk: ResolverModule = {};
