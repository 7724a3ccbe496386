-- The Unix user a fellow's jobs run as on the cluster, set by an administrator. Two fellows never
-- share one: each would see the other's work directories.
alter table gpu_wallet add column cluster_user varchar(32);
create unique index gpu_wallet_one_fellow_per_cluster_user on gpu_wallet (cluster_user) where cluster_user is not null;

-- An adjustment made from a form carries the form's token: sent twice (a double click, a reload),
-- it is applied once.
alter table gpu_ledger add column reference varchar(100);
create unique index gpu_ledger_one_adjustment_per_reference on gpu_ledger (reference)
    where kind = 'ADJUST' and reference is not null;
