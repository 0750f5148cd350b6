/**
 * Where each vSwitch box goes. Two shapes:
 * - hub: when some vSwitches only send and others forward (hold a next hop or a dropping ENI),
 *   the forwarders stand in a middle column and the senders on both sides, so every arrow runs
 *   from a side column into the middle without crossing another box;
 * - grid: otherwise, row by row, at most `maxColumns` wide.
 */

export interface Slot {
  readonly column: number;
  /** Offset from the top of the picture's content. */
  readonly y: number;
}

export interface Placement {
  readonly columns: number;
  readonly slots: readonly Slot[];
  readonly height: number;
}

function stack(heights: readonly number[], gap: number, offset = 0): { ys: number[]; height: number } {
  const ys: number[] = [];
  let y = offset;
  for (const h of heights) {
    ys.push(y);
    y += h + gap;
  }
  return { ys, height: heights.length === 0 ? 0 : y - gap - offset };
}

function grid(heights: readonly number[], maxColumns: number, gap: number): Placement {
  const columns = Math.max(1, Math.min(maxColumns, heights.length));
  const rowHeights: number[] = [];
  heights.forEach((h, i) => {
    const row = Math.floor(i / columns);
    rowHeights[row] = Math.max(rowHeights[row] ?? 0, h);
  });
  const rowTops = stack(rowHeights, gap);
  const slots = heights.map((_, i) => ({ column: i % columns, y: rowTops.ys[Math.floor(i / columns)]! }));
  return { columns, slots, height: rowTops.height };
}

export function placeGroups(heights: readonly number[], forwarder: readonly boolean[], maxColumns: number, gap: number): Placement {
  const senders = heights.map((_, i) => i).filter((i) => !forwarder[i]);
  const forwarders = heights.map((_, i) => i).filter((i) => forwarder[i]);
  if (senders.length === 0 || forwarders.length === 0 || maxColumns < 3) return grid(heights, maxColumns, gap);

  // Senders go to the shorter side (left on ties), keeping the plan's order within a side.
  const side: number[][] = [[], []];
  const used = [0, 0];
  for (const i of senders) {
    const s = used[1]! < used[0]! ? 1 : 0;
    side[s]!.push(i);
    used[s] = used[s]! + heights[i]! + gap;
  }
  const leftStack = stack(side[0]!.map((i) => heights[i]!), gap);
  const rightStack = stack(side[1]!.map((i) => heights[i]!), gap);
  const middleHeight = stack(forwarders.map((i) => heights[i]!), gap).height;
  const sendersHeight = Math.max(leftStack.height, rightStack.height);
  // Forwarders sit level with the middle of the senders, so arrows fan in evenly.
  const middleTop = Math.max(0, (sendersHeight - middleHeight) / 2);
  const middle = stack(forwarders.map((i) => heights[i]!), gap, middleTop);

  const slots: Slot[] = new Array<Slot>(heights.length);
  side[0]!.forEach((i, k) => (slots[i] = { column: 0, y: leftStack.ys[k]! }));
  side[1]!.forEach((i, k) => (slots[i] = { column: 2, y: rightStack.ys[k]! }));
  forwarders.forEach((i, k) => (slots[i] = { column: 1, y: middle.ys[k]! }));
  const columns = side[1]!.length > 0 ? 3 : 2;
  return { columns, slots, height: Math.max(sendersHeight, middleTop + middleHeight) };
}
