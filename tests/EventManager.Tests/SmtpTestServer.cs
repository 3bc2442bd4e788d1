using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EventManager.Tests;

/// <summary>A real SMTP server on a loopback port, keeping what it accepts. It can be stopped and started again.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Store store;
    private SmtpServer.SmtpServer? server;
    private CancellationTokenSource? running;
    private Task? serving;

    public SmtpTestServer()
    {
        Port = FreePort();
        store = new Store(this);
    }

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Called as each message is accepted; a test may use it to stop a sender part-way.</summary>
    public Action<MimeMessage>? OnAccepted { get; set; }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(builder => builder.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        running = new CancellationTokenSource();
        serving = server.StartAsync(running.Token);
        // Wait until the port answers.
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("The test SMTP server did not start.");
    }

    public async Task StopAsync()
    {
        if (server is null)
        {
            return;
        }

        server.Shutdown();
        running!.Cancel();
        try
        {
            await serving!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        server = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            owner.Received.Enqueue(message);
            owner.OnAccepted?.Invoke(message);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
