import type { ResolverModule } from './context';

export const sales: ResolverModule = {};
