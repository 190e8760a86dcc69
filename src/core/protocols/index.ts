/**
 * Loads every protocol so it registers its fields and its dissector-table entries.
 * Order matters only where two protocols claim the same key (the later one wins).
 */
import './ethernet/dissector';
import './dns/dissector';
