import { Input, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Button } from './Button'
import { EmptyState } from './EmptyState'

/**
 * A search field with its own 搜索 button (the keyboard's search key does the same) and 清除 once a
 * search is on. `value` is the search in force; typing changes nothing until it is sent.
 */
export function SearchBox({ value, placeholder, onSearch }: { value: string; placeholder: string; onSearch(query: string): void }) {
  const [draft, setDraft] = useState(value)
  useEffect(() => setDraft(value), [value])
  const send = () => onSearch(draft.trim())
  return (
    <View className='search'>
      <Input
        className='field__input search__input'
        id='search-input'
        type='text'
        confirmType='search'
        maxlength={50}
        value={draft}
        placeholder={placeholder}
        aria-label={placeholder}
        onInput={(e) => setDraft(e.detail.value)}
        onConfirm={send}
      />
      <View className='search__buttons'>
        <Button className='search__go' id='search-go' onClick={send}>
          搜索
        </Button>
        {value && (
          <Button className='search__clear' kind='secondary' onClick={() => onSearch('')}>
            清除
          </Button>
        )}
      </View>
    </View>
  )
}

/** Nothing found: what was searched for, and what to try instead. */
export function SearchEmpty({ query, what }: { query: string; what: string }) {
  return (
    <EmptyState
      title={`没有找到和“${query}”有关的${what}`}
      text='可以试试：少输几个字，只留关键的词（如“电梯”“停车”“垃圾”）；换个说法；或者点“清除”看全部。'
    />
  )
}
