import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { restoreFromLocation, startUrlSync } from './actions/url-state';
import { App } from './App';
import { openSharedFromLocation } from './share/open-shared';
import { loadHistory } from './lib/filter-history';
import { useApp } from './store/index';
import { usePopups } from './store/popups';
import { worker } from './worker-client';
import './styles/base.css';
import './styles/panes.css';
import './styles/widgets.css';

useApp.setState({ history: loadHistory() });
void worker()
  .colorRules()
  .then((colorRules) => useApp.setState({ colorRules }));
const notices = restoreFromLocation();
openSharedFromLocation();
if (notices.length > 0) usePopups.setState({ notices });
startUrlSync();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
