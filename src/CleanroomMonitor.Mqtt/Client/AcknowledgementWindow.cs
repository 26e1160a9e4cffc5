namespace CleanroomMonitor.Mqtt.Client;

/// <summary>Releases acknowledgements in the order the messages were received, whatever order they are completed in.
/// MQTT asks a receiver to send its PUBACKs in the order of the PUBLISHes; the service completes a refused message at
/// once and a stored one only after its durable commit, so completion order and receive order differ. A completed
/// message waits here until every message received before it on the same connection is completed too.</summary>
/// <typeparam name="T">What is handed to the release callback (the library's message event).</typeparam>
/// <param name="release">Called once per message, in receive order, under the window's lock: it must be quick (hand the
/// acknowledgement to a sender) and must not throw.</param>
internal sealed class AcknowledgementWindow<T>(Action<T> release)
{
    private readonly Lock _gate = new();
    private readonly Queue<Ticket> _pending = new();
    private int _connection;

    /// <summary>Messages received on the current connection and not yet released.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Takes a message in, in receive order; complete its ticket when the message is safe.</summary>
    public Ticket Add(T item)
    {
        lock (_gate)
        {
            var ticket = new Ticket(this, item, _connection);
            _pending.Enqueue(ticket);
            return ticket;
        }
    }

    /// <summary>A new connection: what was pending is forgotten, and completing it later releases nothing. The broker
    /// sends those messages again, and a PUBACK on the new connection could name a packet identifier it has meanwhile
    /// given to a different message.</summary>
    public void NewConnection()
    {
        lock (_gate)
        {
            _connection++;
            _pending.Clear();
        }
    }

    private void Complete(Ticket ticket)
    {
        lock (_gate)
        {
            if (ticket.IsCompleted)
            {
                return;
            }
            ticket.IsCompleted = true;
            if (ticket.Connection != _connection)
            {
                return;
            }
            while (_pending.TryPeek(out var head) && head.IsCompleted)
            {
                _pending.Dequeue();
                release(head.Item);
            }
        }
    }

    /// <summary>One received message's place in the window.</summary>
    public sealed class Ticket
    {
        private readonly AcknowledgementWindow<T> _window;

        internal Ticket(AcknowledgementWindow<T> window, T item, int connection)
        {
            _window = window;
            Item = item;
            Connection = connection;
        }

        internal T Item { get; }

        internal int Connection { get; }

        internal bool IsCompleted { get; set; }

        /// <summary>The message is safe (stored or refused); a second call does nothing.</summary>
        public void Complete() => _window.Complete(this);
    }
}
