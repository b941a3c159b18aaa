import { create } from 'zustand';

/** Whether the host dashboard panel is open beside the arena. */
export const useDashboardStore = create<{ open: boolean }>()(() => ({ open: false }));
