import { useEffect, useState } from 'react';
import { BytesPane } from './components/BytesPane';
import { ContextMenuHost } from './components/ContextMenuHost';
import { DetailsTree } from './components/DetailsTree';
import { DropOverlay } from './components/DropOverlay';
import { FilterBar } from './components/FilterBar';
import { FollowDialog } from './components/FollowDialog';
import { GoToDialog } from './components/GoToDialog';
import { LoadBar } from './components/LoadBar';
import { PacketList } from './components/PacketList';
import { Splitter } from './components/Splitter';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { Welcome } from './components/Welcome';
import { StatsPanel } from './stats/StatsPanel';
import { useGlobalShortcuts } from './hooks/useGlobalShortcuts';
import { useApp } from './store/index';

export function App() {
  useGlobalShortcuts();
  const empty = useApp((s) => s.gen === 0 && s.loading === null);
  const name = useApp((s) => s.name);
  useEffect(() => {
    document.title = name ? `${name} · Wirelight` : 'Wirelight';
  }, [name]);
  const [listHeight, setListHeight] = useState(() => Math.round(window.innerHeight * 0.4));
  const [detailsHeight, setDetailsHeight] = useState(() => Math.round(window.innerHeight * 0.27));
  return (
    <div className="app">
      <Toolbar />
      <FilterBar />
      <LoadBar />
      <main className="panes">
        <div className="pane" style={{ height: listHeight }}>
          <PacketList />
          {empty && <Welcome />}
        </div>
        <Splitter label="Resize packet list" size={listHeight} onResize={setListHeight} />
        <div className="pane" style={{ height: detailsHeight }}>
          <DetailsTree />
        </div>
        <Splitter label="Resize packet details" size={detailsHeight} onResize={setDetailsHeight} />
        <div className="pane grow">
          <BytesPane />
        </div>
      </main>
      <StatusBar />
      <StatsPanel />
      <FollowDialog />
      <GoToDialog />
      <ContextMenuHost />
      <DropOverlay />
    </div>
  );
}
