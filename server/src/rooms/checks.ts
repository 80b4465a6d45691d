/**
 * Shape checks for the room and replay lists read back from the snapshot file or Redis: the contract's
 * own schemas (api/contract.ts), compiled once, so a cached value passes exactly when it is what the
 * API promises to serve, and a field added to the contract is checked here without a second list.
 */
import { Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { ReplaySchema, RoomSchema } from "../api/contract";
import type { ReplayList, RoomList } from "../wechat/client";

const roomList = TypeCompiler.Compile(Type.Object({ rooms: Type.Array(RoomSchema), total: Type.Number() }));
const replayList = TypeCompiler.Compile(
  Type.Object({ replays: Type.Array(ReplaySchema), total: Type.Number() }),
);

export const isRoomList = (v: unknown): v is RoomList => roomList.Check(v);

export const isReplayList = (v: unknown): v is ReplayList => replayList.Check(v);
