using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.IO.Pipelines;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
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

    /// <summary>
    /// Called when a message has arrived, before the server takes it: returning false refuses it (as a server
    /// does that fails or is stopped before it has stored the message).
    /// </summary>
    public Func<MimeMessage, bool>? BeforeAccepting { get; set; }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(builder => builder.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        services.Add(new NoDelayListeners());
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

    /// <summary>
    /// Turns Nagle off on each connection, as real mail servers do: otherwise every small reply waits for the
    /// client's delayed acknowledgement, about 40 ms a message.
    /// </summary>
    private sealed class NoDelayListeners : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new Listener(listener);
        }

        private sealed class Listener(TcpListener listener) : IEndpointListener
        {
            public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                context.Properties[EndpointListener.LocalEndPointKey] = client.Client.LocalEndPoint!;
                context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
                return new Pipe(client);
            }

            public void Dispose() => listener.Stop();
        }

        /// <summary>A plain connection: the tests speak SMTP without TLS.</summary>
        private sealed class Pipe(TcpClient client) : ISecurableDuplexPipe
        {
            public PipeReader Input { get; } = PipeReader.Create(client.GetStream());
            public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());
            public bool IsSecure => false;
            public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

            public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate, System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("The test server has no certificate.");

            public void Dispose() => client.Dispose();
        }
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            if (owner.BeforeAccepting?.Invoke(message) == false)
            {
                return Task.FromResult(SmtpResponse.TransactionFailed);
            }

            owner.Received.Enqueue(message);
            owner.OnAccepted?.Invoke(message);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
