/**
 * The shop's 视频号 ids as the app gets them (GET /api/channels). Routes read them through this
 * service, never straight from the configuration: today the ids come from CHANNELS_FINDER_IDS, and a
 * later operator console will change them at run time through another `ChannelIdSource`. Each change
 * of the list is a new version (its own `updatedAt`, a new ETag); an unchanged list keeps its answer.
 */
import { checkFinderId } from "./finder-ids";

/** Where the ids come from: the configuration today, a store later. */
export interface ChannelIdSource {
  read(): Promise<readonly string[]>;
}

/** The configured ids, fixed for the process's life. */
export class ConfigChannelIds implements ChannelIdSource {
  private readonly ids: readonly string[];
  constructor(ids: readonly string[]) {
    this.ids = [...ids];
  }
  async read(): Promise<readonly string[]> {
    return this.ids;
  }
}

export interface ChannelList {
  ids: readonly string[];
  /** When this list was first seen, unix ms. */
  updatedAt: number;
}

export class ChannelsService {
  private current?: ChannelList;

  constructor(
    private readonly source: ChannelIdSource,
    private readonly now: () => number,
  ) {}

  /** The list, the same object while the ids do not change (it keys the prepared answer). */
  async list(): Promise<ChannelList> {
    // a source that hands out a malformed id is a bug; checkFinderId makes it loud, not a broken card
    const ids = (await this.source.read()).map(checkFinderId);
    const previous = this.current;
    if (previous && previous.ids.length === ids.length && previous.ids.every((id, i) => id === ids[i])) {
      return previous;
    }
    this.current = { ids, updatedAt: this.now() };
    return this.current;
  }
}
