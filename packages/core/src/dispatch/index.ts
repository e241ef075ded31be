// The command-and-dispatch rules (四、指挥调度 and 检查内容 1–3, 7, 8): pure, no I/O, no clock.
export * from './alertSchema.ts';
export * from './alerts.ts';
export * from './checklistClosure.ts';
export * from './checklistSheet.ts';
export * from './clueSheet.ts';
export * from './countyResolver.ts';
export * from './deadlines.ts';
export * from './enterpriseName.ts';
export * from './hotline.ts';
export * from './hotlineMatching.ts';
export * from './industries.ts';
export * from './instructions.ts';
export * from './ledger.ts';
export * from './places.ts';
export * from './priorityAreas.ts';
export * from './sheetCells.ts';
export * from './text.ts';
