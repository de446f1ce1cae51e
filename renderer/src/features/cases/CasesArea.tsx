import { App, Card } from 'antd';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/domain/case';
import { api } from '../../api/client';
import { useCan } from '../auth/session';
import { CaseDetailPage, useRevealReporter } from './CaseDetailPage';
import { CaseForm } from './CaseForm';
import { LedgerPage } from './LedgerPage';

type View = { name: 'ledger' } | { name: 'register' } | { name: 'detail'; id: string } | { name: 'edit'; detail: CaseDetail };

function EditCase({ detail, onDone }: { detail: CaseDetail; onDone(): void }) {
  const { message } = App.useApp();
  const reveal = useRevealReporter(detail.id);
  const can = useCan();
  const { reporter, id: _id, caseNo: _caseNo, status: _status, createdAt: _createdAt, updatedAt, history: _history, ...input } = detail;
  return (
    <div className="page">
      <Card title={`编辑 ${detail.caseNo}`}>
        <CaseForm
          initial={{ input, reporter }}
          onUnlockReporter={can('identity.reveal') ? reveal : undefined}
          submitText="保存修改"
          onSubmit={async (changes) => {
            await api['cases.update']({ id: detail.id, expectedUpdatedAt: updatedAt, changes });
            message.success('修改已保存，原值已记入办理记录');
            onDone();
          }}
          onCancel={onDone}
        />
      </Card>
    </div>
  );
}

/** 登记台账: the ledger, registration, a case's detail and its editing. */
export function CasesArea() {
  const { message } = App.useApp();
  const [view, setView] = useState<View>({ name: 'ledger' });
  switch (view.name) {
    case 'ledger':
      return <LedgerPage onOpen={(id) => setView({ name: 'detail', id })} onRegister={() => setView({ name: 'register' })} />;
    case 'register':
      return (
        <div className="page">
          <Card title="登记信访举报件">
            <CaseForm
              submitText="登记"
              onSubmit={async (input) => {
                const created = await api['cases.register']({ ...input, reporter: input.reporter ?? { realName: false, persons: [] } });
                message.success(`已登记，编号 ${created.caseNo}`);
                setView({ name: 'detail', id: created.id });
              }}
              onCancel={() => setView({ name: 'ledger' })}
            />
          </Card>
        </div>
      );
    case 'detail':
      return <CaseDetailPage id={view.id} onBack={() => setView({ name: 'ledger' })} onEdit={(detail) => setView({ name: 'edit', detail })} />;
    case 'edit':
      return <EditCase detail={view.detail} onDone={() => setView({ name: 'detail', id: view.detail.id })} />;
  }
}
