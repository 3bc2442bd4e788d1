-- PostgreSQL for EventManager, run once as a superuser on the database server:
--   sudo -u postgres psql -v password="'a-long-password'" -f setup.sql
-- The app creates its tables (and Hangfire its schema "hangfire") at its first start, and migrates them at every start.
CREATE ROLE eventmanager LOGIN PASSWORD :password;
CREATE DATABASE eventmanager OWNER eventmanager ENCODING 'UTF8' TEMPLATE template0;
-- Nothing else is needed: the app's user owns its database, so migrations can create and alter tables in it.
