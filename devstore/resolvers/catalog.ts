import type { ResolverModule } from './context';

export const catalog: ResolverModule = {};
