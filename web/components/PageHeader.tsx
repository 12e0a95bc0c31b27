import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title of a page with its actions on the right; the title is the page's only h1. */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children ? <div style={{ marginTop: 8 }}>{children}</div> : null}
    </div>
  );
}
