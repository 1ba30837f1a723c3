package dev.codeindex.util;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source iterator ahead on a thread of its own, in blocks, through a bounded queue: the
 * consumer overlaps its own work with the source's (the scan walks the tree while the manifest is
 * read). Memory: at most {@code blocks + 2} blocks of {@code blockSize} items. Single consumer.
 * A failure of the source is rethrown by {@link #hasNext}. Close it when abandoning it early.
 */
public final class PrefetchIterator<T> implements Iterator<T>, AutoCloseable {
    private static final List<Object> END = List.of();

    private final BlockingQueue<List<?>> queue;
    private final Thread producer;
    private volatile RuntimeException failure;
    private List<?> block = new ArrayList<>();
    private int pos;
    private boolean ended;

    public PrefetchIterator(Iterator<T> source, int blockSize, int blocks, String threadName) {
        this.queue = new ArrayBlockingQueue<>(blocks);
        this.producer = new Thread(() -> {
            try {
                List<T> b = new ArrayList<>(blockSize);
                while (source.hasNext()) {
                    b.add(source.next());
                    if (b.size() == blockSize) {
                        queue.put(b);
                        b = new ArrayList<>(blockSize);
                    }
                }
                if (!b.isEmpty()) {
                    queue.put(b);
                }
            } catch (InterruptedException e) {
                return; // the consumer closed us
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                queue.put(END);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        producer.setDaemon(true);
        producer.start();
    }

    @Override
    public boolean hasNext() {
        while (pos == block.size()) {
            if (ended) {
                return false;
            }
            try {
                block = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            pos = 0;
            if (block == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return (T) block.get(pos++);
    }

    @Override
    public void close() {
        producer.interrupt();
    }
}
