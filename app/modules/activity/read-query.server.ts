/** The activity URL's query for a loader, or a thrown 400 naming what is wrong (the page's error boundary explains it). */
import { data } from '@remix-run/node';
import { ActivityParamError, parseActivityQuery, type ActivityQuery } from './filters';

export function readActivityQuery(url: URL): ActivityQuery {
  try {
    return parseActivityQuery(url.searchParams);
  } catch (error) {
    if (error instanceof ActivityParamError)
      throw data({ problem: error.problem, param: error.param }, { status: 400 });
    throw error;
  }
}
