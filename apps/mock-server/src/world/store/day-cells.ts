import type { Cell } from "./entries.js";

export type Counter = Exclude<keyof Cell, "agent" | "user">;

const emptyCell = (agent: number, user: number): Cell => ({
  agent, user, sessions: 0, incoming: 0, outgoing: 0, toolCalls: 0, inputTokens: 0, outputTokens: 0, feedback: 0, helpful: 0, initiated: 0, completed: 0,
});

/**
 * One UTC day of one layer: a cell per (agent, user) pair, and what reads of whole days need
 * without visiting every cell: the day's totals (and each agent's), the cells of each agent and of
 * each user, the cells of the day's conversations, and the users with an incoming message.
 */
export class DayCells {
  readonly list: Cell[] = [];
  private readonly byPair = new Map<number, Cell>();
  readonly byAgent = new Map<number, Cell[]>();
  readonly byUser = new Map<number, Cell[]>();
  /** Sums over every cell (agent and user -1), and per agent (user -1). */
  readonly total: Cell = emptyCell(-1, -1);
  readonly agentTotals = new Map<number, Cell>();
  /** Cells of the pairs that started a conversation that day. */
  readonly conversing: Cell[] = [];
  /** Users (never -1) with an incoming message that day. */
  readonly incomingUsers = new Set<number>();

  /** Adds `amount` to a counter of the (agent, user) pair, and to the day's and the agent's totals. */
  count(agent: number, user: number, counter: Counter, amount = 1): void {
    const cell = this.cell(agent, user);
    if (counter === "sessions" && cell.sessions === 0) this.conversing.push(cell);
    if (counter === "incoming" && user >= 0) this.incomingUsers.add(user);
    cell[counter] += amount;
    this.total[counter] += amount;
    this.agentTotals.get(agent)![counter] += amount;
  }

  /** Whether a session was created or a run started that day (an AgentOS row). */
  get active(): boolean {
    return this.total.sessions > 0 || this.total.initiated > 0;
  }

  private cell(agent: number, user: number): Cell {
    const pair = agent * 4_194_304 + user + 1;
    let cell = this.byPair.get(pair);
    if (!cell) {
      cell = emptyCell(agent, user);
      this.byPair.set(pair, cell);
      this.list.push(cell);
      push(this.byAgent, agent, cell);
      push(this.byUser, user, cell);
      if (!this.agentTotals.has(agent)) this.agentTotals.set(agent, emptyCell(agent, -1));
    }
    return cell;
  }
}

function push(map: Map<number, Cell[]>, key: number, cell: Cell): void {
  const list = map.get(key);
  if (list) list.push(cell);
  else map.set(key, [cell]);
}
