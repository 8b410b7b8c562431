import type { ResolverModule } from './context';

export const marketing: ResolverModule = {};
