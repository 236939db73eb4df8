-- The read model's own database and user, beside Temporal's.
CREATE USER subsidy WITH PASSWORD 'subsidy';
CREATE DATABASE subsidy OWNER subsidy;
