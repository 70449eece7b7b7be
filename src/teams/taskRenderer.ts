// A person's tasks as a card for a reader: each task is shown as the Disclosure for its child allows
// (in a shared conversation titles only; in a personal chat the carer and a meeting's words too).
import type { ServiceContext } from '../services/context';
import { toChild } from '../services/people';
import type { TaskDoc } from '../store/records';
import { tasksCard, type AdaptiveCard } from './cards';
import { disclosureFor, type Disclosure, type Reader } from './disclosure';

/** The Disclosure of each task's child for this reader, reading each child once. */
export async function taskDisclosures(ctx: ServiceContext, reader: Reader, tasks: TaskDoc[]): Promise<Array<{ task: TaskDoc; show: Disclosure }>> {
  const shows = new Map<string, Disclosure>();
  for (const caseRef of new Set(tasks.map((t) => t.caseRef))) {
    const doc = await ctx.records.children.get(caseRef);
    shows.set(caseRef, disclosureFor(reader, doc ? toChild(doc) : null));
  }
  return tasks.map((task) => ({ task, show: shows.get(task.caseRef)! }));
}

export async function renderTasksCard(ctx: ServiceContext, reader: Reader, tasks: TaskDoc[], notice?: { text: string; color: 'Good' | 'Attention' }): Promise<AdaptiveCard> {
  return tasksCard(await taskDisclosures(ctx, reader, tasks), ctx.now(), notice);
}
