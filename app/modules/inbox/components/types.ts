/** The shapes the inbox pages receive from their loaders (plain data, dates as ISO strings). */

/** Where a ticket stands against its first-reply target. */
export type SlaState =
  | { state: 'overdue' | 'due'; dueAt: string }
  /** Answered in time or late: the first reply went out. */
  | { state: 'met' }
  /** Solved or closed without a reply: no target any more. */
  | { state: 'none' };

export interface TicketRowView {
  number: number;
  subject: string;
  customerName: string | null;
  customerEmail: string | null;
  status: string;
  priority: string;
  assigneeName: string | null;
  tags: string[];
  sla: SlaState;
  lastMessageAt: string;
}

export interface MessageView {
  id: string;
  direction: 'in' | 'out' | 'note';
  authorType: string;
  authorName: string | null;
  body: string;
  createdAt: string;
  mailStatus: string | null;
  mailError: string | null;
}

export interface TicketView extends TicketRowView {
  channel: string;
  topic: string | null;
  orderRef: string | null;
  assigneeId: string | null;
  createdAt: string;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  satisfactionSentAt: string | null;
  messages: MessageView[];
}

export interface OrderView {
  id: string;
  name: string;
  processedAt: string | null;
  total: string;
  currencyCode: string;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  adminUrl: string;
}

export interface CustomerView {
  /** Null: the customer wrote without an account the shop knows. */
  id: string | null;
  name: string | null;
  email: string | null;
  numberOfOrders: number | null;
  totalSpent: { amount: string; currencyCode: string } | null;
  adminUrl: string | null;
  lastOrders: OrderView[];
}

export interface StaffView {
  id: string;
  name: string;
}

export interface TemplateView {
  id: string;
  name: string;
  body: string;
}

export interface RuleView {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  keywords: string[];
  topic: string | null;
  addTags: string[];
  setPriority: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  autoAcknowledge: boolean;
  acknowledgeTemplateId: string | null;
}

/** A template rendered for one ticket: its text, and the variables that could not be filled. */
export interface RenderedView {
  text: string;
  problems: { variable: string; reason: 'unknown' | 'missing' }[];
}
