/** The shape of every list the API returns. */
export interface PageBody<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

type FetchPage<T> = (cursor?: string) => Promise<PageBody<T>>;

/** One page of a list, and the way to the next. */
export class Page<T> implements PageBody<T>, AsyncIterable<T> {
  readonly data: T[];
  readonly has_more: boolean;
  readonly next_cursor: string | null;
  private readonly fetchPage: FetchPage<T>;

  constructor(body: PageBody<T>, fetchPage: FetchPage<T>) {
    this.data = body.data;
    this.has_more = body.has_more;
    this.next_cursor = body.next_cursor;
    this.fetchPage = fetchPage;
  }

  hasNextPage(): boolean {
    return this.has_more && this.next_cursor !== null;
  }

  /** The following page, or null after the last: `for (let p = await list; p; p = await p.nextPage())`. */
  async nextPage(): Promise<Page<T> | null> {
    return this.hasNextPage() ? new Page(await this.fetchPage(this.next_cursor!), this.fetchPage) : null;
  }

  /** Every item from this page on, fetching later pages as the loop reaches them. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (let page: Page<T> | null = this; page; page = await page.nextPage()) yield* page.data;
  }
}

/**
 * What a `list` method returns, before anything is sent: `await` it for the first page, or
 * `for await` over it for every item across pages. Nothing is fetched until one of those happens.
 */
export class PageRequest<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private readonly fetchPage: FetchPage<T>;
  private first?: Promise<Page<T>>;

  constructor(fetchPage: FetchPage<T>) {
    this.fetchPage = fetchPage;
  }

  page(): Promise<Page<T>> {
    return (this.first ??= this.fetchPage().then((body) => new Page(body, this.fetchPage)));
  }

  then<A = Page<T>, B = never>(
    onfulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.page().then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.page();
  }
}
