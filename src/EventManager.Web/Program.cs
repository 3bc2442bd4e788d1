using EventManager.Web.Configuration;
using EventManager.Web.Features.Account;

var builder = WebApplication.CreateBuilder(args);
var database = builder.AddEventManagerData();
builder.AddEventManagerIdentity();
builder.AddEventManagerJobs(database);
builder.AddEventManagerWeb();

var app = builder.Build();
await app.PrepareDatabaseAsync();

if (AccountCommand.IsCommand(args))
{
    return await AccountCommand.RunAsync(app.Services, args);
}

app.UseEventManagerPipeline();
await app.RunAsync();
return 0;

public partial class Program;
