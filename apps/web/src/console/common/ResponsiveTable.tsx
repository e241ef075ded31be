import {
  Empty,
  Pagination,
  Spin,
  Table,
  type TableColumnsType,
  type TableColumnType,
  type TableProps,
} from 'antd';
import type { Key, ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useIsMobile } from './useIsMobile.ts';
import './responsive.css';

/**
 * How a column shows in the phone's card: `title` heads the card (default: the first column),
 * `actions` go to its foot (default for the column keyed 'actions'; always on screen: a
 * bureau's 签收 must never hide in a sideways-scrolling table), `hide` leaves it out (what
 * the title already says), anything else is a labelled line.
 */
export type CardRole = 'title' | 'actions' | 'hide';

export type ResponsiveColumn<T> = TableColumnType<T> & { card?: CardRole };

export type ResponsiveTableProps<T> = Omit<TableProps<T>, 'columns'> & {
  /** antd columns; `card` on a column says where it goes in the phone's card (default: a labelled line). */
  columns: ResponsiveColumn<T>[] | TableColumnsType<T>;
  /** An accessible name for the list of cards (the table's caption at desktop width). */
  label?: string;
};

function cellOf<T>(col: ResponsiveColumn<T>, row: T, index: number): ReactNode {
  const path = col.dataIndex;
  let value: unknown = row;
  if (path === undefined || path === null) value = undefined;
  else {
    for (const k of (Array.isArray(path) ? path : [path]) as (string | number)[]) {
      value = (value as Record<string | number, unknown> | undefined)?.[k];
    }
  }
  if (col.render) {
    const out = col.render(value, row, index);
    // antd's render may return { children, props } for cell spans; the card shows the children.
    if (out && typeof out === 'object' && 'children' in (out as object) && 'props' in (out as object)) {
      return (out as { children: ReactNode }).children;
    }
    return out as ReactNode;
  }
  return value as ReactNode;
}

function keyOf<T>(rowKey: TableProps<T>['rowKey'], row: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(row, index);
  if (typeof rowKey === 'string') return (row as Record<string, Key>)[rowKey] ?? index;
  return (row as { key?: Key }).key ?? index;
}

/**
 * antd's Table at desktop width; below 768 px the same rows as a list of cards, one line per
 * column, the actions at each card's foot, so nothing scrolls sideways on a phone. Drop-in:
 * same props as Table (columns may carry `card`); pagination, loading, empty text and row
 * class names carry over. Table-only features (summary rows, sorting, row selection,
 * expandable rows) stay at desktop width.
 */
export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const mobile = useIsMobile();
  const [page, setPage] = useState(1);
  const wrap = useRef<HTMLDivElement>(null);
  const { dataSource, rowKey, loading, locale, pagination, rowClassName, label, ...rest } = props;
  const columns = props.columns as ResponsiveColumn<T>[];
  // A table that scrolls inside itself must be reachable by keyboard (WCAG 2.1.1): antd's
  // scrolling body is a plain div, so it gets a tab stop and a name here.
  useEffect(() => {
    for (const el of wrap.current?.querySelectorAll<HTMLElement>('.ant-table-body, .ant-table-content') ??
      []) {
      const scrolls = el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute('tabindex')) {
        el.tabIndex = 0;
        el.setAttribute('role', 'region');
        el.setAttribute('aria-label', label ?? '表格（可滚动）');
      }
    }
  });
  if (!mobile) {
    return (
      <div ref={wrap}>
        <Table<T>
          {...rest}
          columns={columns}
          dataSource={dataSource}
          rowKey={rowKey}
          loading={loading}
          locale={locale}
          pagination={pagination}
          rowClassName={rowClassName}
        />
      </div>
    );
  }
  const rows = [...(dataSource ?? [])];
  const pageSize = pagination === false ? rows.length : (pagination?.pageSize ?? 10);
  const controlled = pagination && pagination.current !== undefined;
  const current = controlled ? (pagination.current as number) : page;
  const total = pagination && pagination.total !== undefined ? pagination.total : rows.length;
  // A server-paged table passes one page as dataSource; a client-paged one passes them all.
  const shown =
    pagination === false || (controlled && total > rows.length)
      ? rows
      : rows.slice((current - 1) * pageSize, current * pageSize);
  const spinning = typeof loading === 'object' ? !!loading.spinning : !!loading;
  // Defaults: a column keyed 'actions' goes to the foot; without a 'title' column, the first heads the card.
  const role = (c: ResponsiveColumn<T>) => c.card ?? (c.key === 'actions' ? 'actions' : undefined);
  const titleCol = columns.find((c) => role(c) === 'title') ?? columns.find((c) => !role(c));
  const actionCols = columns.filter((c) => role(c) === 'actions');
  const lines = columns.filter((c) => !role(c) && c !== titleCol);

  return (
    <Spin spinning={spinning}>
      {shown.length === 0 ? (
        <div className="rt-empty">
          {typeof locale?.emptyText === 'function'
            ? locale.emptyText()
            : (locale?.emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />)}
        </div>
      ) : (
        <ul className="rt-cards" aria-label={label}>
          {shown.map((row, i) => {
            const index = (current - 1) * pageSize + i;
            const cls =
              typeof rowClassName === 'function' ? rowClassName(row, index, 0) : (rowClassName ?? '');
            return (
              <li key={keyOf(rowKey, row, index)} className={`rt-card ${cls}`}>
                {titleCol ? <div className="rt-title">{cellOf(titleCol, row, index)}</div> : null}
                <dl className="rt-lines">
                  {lines.map((c, ci) => {
                    const value = cellOf(c, row, index);
                    if (value === null || value === undefined || value === '') return null;
                    return (
                      <div key={String(c.key ?? c.dataIndex ?? ci)} className="rt-line">
                        <dt>{typeof c.title === 'function' ? null : (c.title as ReactNode)}</dt>
                        <dd>{value}</dd>
                      </div>
                    );
                  })}
                </dl>
                {actionCols.length ? (
                  <div className="rt-actions">
                    {actionCols.map((c, ci) => (
                      <div key={String(c.key ?? ci)}>{cellOf(c, row, index)}</div>
                    ))}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {pagination !== false && total > pageSize ? (
        <Pagination
          simple
          align="center"
          current={current}
          pageSize={pageSize}
          total={total}
          onChange={(p, size) => {
            if (!controlled) setPage(p);
            pagination?.onChange?.(p, size);
          }}
          style={{ marginTop: 12 }}
        />
      ) : null}
    </Spin>
  );
}
